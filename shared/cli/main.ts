console.log('ballast: foundation in progress');
